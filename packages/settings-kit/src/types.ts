/** Response and request bodies of the routes the shell and the kit call (see API.md). */

export interface User {
  id: string;
  username: string;
  email: string;
  name: string | null;
  admin: boolean;
  createdAt: string;
}

export interface SignupInput {
  username: string;
  email: string;
  password: string;
  name?: string;
}

export interface LoginInput {
  /** Username or email. */
  login: string;
  password: string;
}

export interface BetaFeature {
  key: string;
  name: string;
  description: string;
  enabled: boolean;
}

export interface BetaFeatureList {
  items: BetaFeature[];
}
