import { TextAreaField } from './form-fields';

/** Connector settings as JSON text; the service parses it and says what is wrong. */
export function SettingsField({ id, defaultValue, error }: { id: string; defaultValue: Record<string, unknown>; error?: string | undefined }) {
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
        <>
          A JSON object of connector settings, e.g. <code>{'{"host": "db.internal", "passwordEnv": "TARGET_PROD_DB_PASSWORD"}'}</code>. Secrets must be given as the{' '}
          <strong>name of an environment variable</strong> that holds them, never the value: settings are stored and audited in clear.
        </>
      }
    />
  );
}
