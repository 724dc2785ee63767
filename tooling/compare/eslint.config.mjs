import base from '@parity/eslint-config/base';

export default [{ ignores: ['playwright-report/**', 'test-results/**'] }, ...base];
