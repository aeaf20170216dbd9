import type { InputHTMLAttributes, ReactNode } from 'react';
import { controlClass, FormField } from './form-field';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | undefined; optional?: boolean };

export function TextField({ label, hint, error, optional, className = '', ...input }: Props) {
  return (
    <FormField label={label} hint={hint} error={error} optional={optional}>
      {(control) => <input type="text" {...input} {...control} className={`${controlClass} ${className}`} />}
    </FormField>
  );
}
