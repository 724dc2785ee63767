import { httpRouter } from 'convex/server';
import { auth } from './auth';

const http = httpRouter();

// Convex Auth's routes: the JWKS and OpenID configuration that validate its tokens.
auth.addHttpRoutes(http);

export default http;
