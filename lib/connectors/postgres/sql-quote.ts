import pg from 'pg';

/** Quoting for what SQL cannot take as a parameter (role names, VALID UNTIL, comments). */
export const ident = (name: string) => pg.escapeIdentifier(name);
export const literal = (value: string) => pg.escapeLiteral(value);
