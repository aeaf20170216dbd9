import { Badge } from '@/components/ui/badge';

/** The one mark of emergency access, the same wherever a break-glass request or grant is shown. */
export function BreakGlassBadge({ show = true }: { show?: boolean }) {
  if (!show) return null;
  return (
    <Badge tone="danger" title="Taken in an emergency without approval; reviewed afterwards" data-testid="break-glass-badge">
      Break-glass
    </Badge>
  );
}
