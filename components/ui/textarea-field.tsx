import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { controlClass, FormField } from './form-field';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | undefined; optional?: boolean };

export function TextareaField({ label, hint, error, optional, className = '', rows = 3, ...textarea }: Props) {
  return (
    <FormField label={label} hint={hint} error={error} optional={optional}>
      {(control) => <textarea rows={rows} {...textarea} {...control} className={`${controlClass} ${className}`} />}
    </FormField>
  );
}
