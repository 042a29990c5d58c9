/** Secrets at rest: sealing and opening, and a column transformer that does both. */
export { open, seal, sealedText } from './secret-box';
