// Public surface of ephemeral auth tokens.
export {
  AuthTokens,
  fieldMask,
  type CreateAuthTokenParams,
  type LiveConnectConstraints,
} from './auth-tokens.js';
