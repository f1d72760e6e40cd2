export * from './cpr';
export * from './cvr';
export * from './pnummer';
export * from './ean';
export * from './cpr-in-text';
