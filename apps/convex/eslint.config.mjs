import convexPlugin from '@convex-dev/eslint-plugin';
import base from '@parity/eslint-config/base';
import reactHooks from 'eslint-plugin-react-hooks';

export default [...base, ...convexPlugin.configs.recommended, reactHooks.configs.flat['recommended-latest']];
