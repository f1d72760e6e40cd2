export * from './cpr';
export { containsCprNumber, findCprNumbers } from './cpr-in-text';
export * from './cvr';
export * from './pnummer';
export * from './ean';
