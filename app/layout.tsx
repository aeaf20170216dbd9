import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

// Every page is rendered per request: the CSP nonce (proxy.ts) is fresh each time, and Next.js can only put
// it on the scripts of a page it renders now.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Timebox', template: '%s · Timebox' },
  description: 'Just-in-time access: ask for a role, for a bounded time, with a reason.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
