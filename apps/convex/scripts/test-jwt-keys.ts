/**
 * Prints a fresh RS256 key pair for running the contract against a real deployment: the lines
 * for the deployment (`npx convex env set …`) and those for the test run's environment.
 */
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { TEST_JWT_KEY_ID } from '../convex/auth.config';

const issuer = process.argv[2] ?? 'https://parity-contract.invalid';
const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: TEST_JWT_KEY_ID, alg: 'RS256', use: 'sig' }] };
const jwksDataUrl = `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify(jwks)).toString('base64')}`;

console.log(`# On the deployment:
npx convex env set PARITY_JWT_ISSUER '${issuer}'
npx convex env set PARITY_JWKS '${jwksDataUrl}'
npx convex env set PARITY_ALLOW_RESET true

# In the shell that runs the contract (with CONVEX_URL and CONVEX_DEPLOYMENT or CONVEX_DEPLOY_KEY):
export PARITY_JWT_ISSUER='${issuer}'
export PARITY_JWT_PRIVATE_KEY='${(await exportPKCS8(privateKey)).trim()}'`);
