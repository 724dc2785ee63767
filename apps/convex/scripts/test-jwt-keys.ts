/**
 * Prints a fresh key pair for running the contract against a real deployment: the commands for
 * the deployment and the variables for the shell that runs the contract.
 */
import { generateTestKeys } from '../contract/test-jwt';

const issuer = process.argv[2] ?? 'https://parity-contract.invalid';
const { jwksDataUrl, privateKeyPem } = await generateTestKeys();

console.log(`# On the deployment:
npx convex env set PARITY_JWT_ISSUER '${issuer}'
npx convex env set PARITY_JWKS '${jwksDataUrl}'
npx convex env set PARITY_ALLOW_RESET true

# In the shell that runs the contract (with CONVEX_URL and CONVEX_DEPLOYMENT or CONVEX_DEPLOY_KEY):
export PARITY_JWT_ISSUER='${issuer}'
export PARITY_JWT_PRIVATE_KEY='${privateKeyPem}'`);
