import mysql from 'mysql2/promise';

/** A string literal for SQL that cannot take placeholders (account names, event bodies). */
export const literal = (value: string) => mysql.escape(value);
export const ident = (name: string) => mysql.escapeId(name);
/** 'user'@'host', as CREATE/ALTER/DROP USER and GRANT want it. */
export const account = (user: string, host: string) => `${literal(user)}@${literal(host)}`;
