'use client';

import { useState, type FormEvent } from 'react';
import { getCertificate } from '@/app/(portal)/grants/[id]/actions';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { TextareaField } from '@/components/ui/textarea-field';
import { LocalTime } from '@/components/ui/time';
import { useFormAction } from '@/components/ui/use-form-action';
import { CopyField } from './copy-field';

interface Certificate {
  certificate: string;
  principals: string[];
  validAfter: string;
  validBefore: string;
}

/** The private key file ssh-keygen names by default for a public key's type: what the how-to line assumes. */
function defaultKeyFile(publicKey: string): string {
  const type = publicKey.trim().split(/\s+/)[0] ?? '';
  if (type.startsWith('ecdsa-')) return '~/.ssh/id_ecdsa';
  if (type === 'ssh-rsa') return '~/.ssh/id_rsa';
  return '~/.ssh/id_ed25519';
}

/**
 * "Get certificate" for an SSH grant: the holder pastes their public key (prefilled from their
 * profile), Timebox signs it, and the certificate is shown with the one line that uses it. The
 * private key never leaves their machine; the certificate ends with the grant by itself.
 */
export function CertificatePanel({ grantId, savedKey }: { grantId: string; savedKey: string | null }) {
  const [publicKey, setPublicKey] = useState(savedKey ?? '');
  const [remember, setRemember] = useState(savedKey === null);
  const sign = useFormAction(getCertificate, { fields: ['publicKey'] });
  // The how-to line names the private key matching the public key that was signed, not one typed since.
  const [keyFile, setKeyFile] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setKeyFile(defaultKeyFile(publicKey));
    void sign.run({ grantId, publicKey, remember });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Get an SSH certificate">
        {sign.formError ? <FormError title="No certificate">{sign.formError}</FormError> : null}
        <TextareaField
          label="Public key"
          name="publicKey"
          rows={3}
          value={publicKey}
          onChange={(e) => setPublicKey(e.target.value)}
          error={sign.fields.publicKey}
          hint={
            <>
              The one line in your <code>.pub</code> file, e.g. <code>~/.ssh/id_ed25519.pub</code> (never the private key). ssh-ed25519, ECDSA or RSA of 3072+ bits.
            </>
          }
          className="font-mono text-xs"
          spellCheck={false}
          required
        />
        <div className="flex items-center gap-2">
          <input
            id="remember-key"
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
          />
          <label htmlFor="remember-key" className="text-sm text-slate-800">
            Remember this key
          </label>
        </div>
        <Button type="submit" disabled={sign.pending}>
          {sign.pending ? 'Signing…' : 'Get certificate'}
        </Button>
      </form>
      <div aria-live="polite">{sign.data ? <CertificateView cert={{ ...sign.data, keyFile }} /> : null}</div>
    </div>
  );
}

function CertificateView({ cert }: { cert: Certificate & { keyFile: string } }) {
  const principal = cert.principals[0] ?? 'user';
  return (
    <section aria-labelledby="certificate-heading" data-testid="certificate" className="space-y-3 rounded-lg bg-green-50 p-4 ring-1 ring-green-600/30">
      <h3 id="certificate-heading" className="font-semibold text-green-900">
        Your certificate
      </h3>
      <p className="text-sm text-slate-800">
        Valid until <LocalTime iso={cert.validBefore} /> for {cert.principals.length === 1 ? 'the principal' : 'the principals'}{' '}
        {cert.principals.map((p, i) => (
          <span key={p}>
            {i > 0 ? ', ' : ''}
            <code>{p}</code>
          </span>
        ))}
        . Save it as <code>~/.ssh/timebox-cert.pub</code>.
      </p>
      <CopyField label="Certificate" value={cert.certificate} multiline />
      <p className="text-sm text-slate-800">Then log in with:</p>
      <CopyField label="Command" value={`ssh -i ${cert.keyFile} -o CertificateFile=~/.ssh/timebox-cert.pub ${principal}@<host>`} />
    </section>
  );
}
