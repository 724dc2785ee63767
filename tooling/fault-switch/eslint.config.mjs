export { default } from '@parity/eslint-config/base';
