import type { ReactNode, SelectHTMLAttributes } from 'react';
import { controlClass, FormField } from './form-field';

export interface SelectOption {
  value: string;
  label: string;
}

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> & {
  label: string;
  options: readonly SelectOption[];
  /** Shown as an empty first choice, so nothing is picked by accident. */
  placeholder?: string;
  hint?: ReactNode;
  error?: string | undefined;
};

export function SelectField({ label, options, placeholder, hint, error, className = '', ...select }: Props) {
  return (
    <FormField label={label} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control} className={`${controlClass} ${className}`}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
