import { TextAreaField } from './form-fields';

/**
 * Connector settings as JSON text; the service checks them against the kind's connector and says what
 * is wrong. The example fits the chosen kind (`kindLabel`), so an admin starts from settings that save.
 */
export function SettingsField({
  id,
  defaultValue,
  error,
  example,
  kindLabel,
}: {
  id: string;
  defaultValue: Record<string, unknown>;
  error?: string | undefined;
  /** Settings that fit the kind; without one (role settings) the hint shows the general rule only. */
  example?: Record<string, unknown> | undefined;
  kindLabel?: string | undefined;
}) {
  const takesNone = example !== undefined && Object.keys(example).length === 0;
  return (
    <TextAreaField
      id={id}
      name="settings"
      label="Settings (JSON)"
      rows={5}
      spellCheck={false}
      className="font-mono"
      defaultValue={JSON.stringify(defaultValue, null, 2)}
      error={error}
      hint={
        <span data-testid="settings-example">
          {example === undefined ? (
            <>
              A JSON object of connector settings. Secrets must be given as the <strong>name of an environment variable</strong> that holds them, never the value:
              settings are stored and audited in clear.
            </>
          ) : takesNone ? (
            <>
              A {kindLabel} resource takes no settings: leave <code>{'{}'}</code>.
            </>
          ) : (
            <>
              A JSON object of {kindLabel} settings, e.g. <code className="break-all">{JSON.stringify(example)}</code>. Secrets are given as the{' '}
              <strong>name of an environment variable</strong> that holds them, never the value: settings are stored and audited in clear.
            </>
          )}
        </span>
      }
    />
  );
}
