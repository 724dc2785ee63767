import convexPlugin from '@convex-dev/eslint-plugin';
import base from '@parity/eslint-config/base';

export default [...base, ...convexPlugin.configs.recommended];
