import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { IdTokenVerifier } from './sign-in.ts';

/**
 * Verifies the console's Cognito ID tokens with aws-jwt-verify: signature against the user pool's JWKS (fetched once
 * and cached), issuer, audience (the console's app client), `token_use: id` and expiry.
 * @param jwks a JWKS to start with instead of fetching it (tests, which sign their own tokens)
 */
export function cognitoIdTokenVerifier(userPoolId: string, clientId: string, jwks?: Parameters<ReturnType<typeof CognitoJwtVerifier.create>['cacheJwks']>[0]): IdTokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  if (jwks) verifier.cacheJwks(jwks);
  return { verify: async (idToken) => ({ ...(await verifier.verify(idToken)) }) };
}
