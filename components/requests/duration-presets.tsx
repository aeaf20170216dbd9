import { durationPresets } from '@/lib/domain/request-choices';

/** One-tap durations under the Duration field: 15 min, 30 min, 1 h and the longest the policy allows. */
export function DurationPresets({ maxMinutes, value, onPick }: { maxMinutes: number; value: string; onPick: (minutes: number) => void }) {
  const presets = durationPresets(maxMinutes);
  if (presets.length === 0) return null;
  return (
    <div role="group" aria-label="Duration presets" className="mt-2 flex flex-wrap gap-2">
      {presets.map((p) => {
        const pressed = value.trim() === String(p.minutes);
        return (
          <button
            key={p.minutes}
            type="button"
            aria-pressed={pressed}
            onClick={() => onPick(p.minutes)}
            className={`min-h-9 rounded-full px-3 py-1 text-sm ring-1 focus:ring-2 focus:ring-brand-600 focus:outline-none ${pressed ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'}`}
          >
            {p.label}
          </button>
        );
      })}
    </div>
  );
}
