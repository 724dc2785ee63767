/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as auditLogs from "../auditLogs.js";
import type * as auth from "../auth.js";
import type * as http from "../http.js";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_converters from "../lib/converters.js";
import type * as lib_errors from "../lib/errors.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_listPosts from "../lib/listPosts.js";
import type * as lib_posts from "../lib/posts.js";
import type * as lib_signUp from "../lib/signUp.js";
import type * as lib_tagCloud from "../lib/tagCloud.js";
import type * as lib_testPasswords from "../lib/testPasswords.js";
import type * as lib_validators from "../lib/validators.js";
import type * as posts from "../posts.js";
import type * as profiles from "../profiles.js";
import type * as tags from "../tags.js";
import type * as testing from "../testing.js";
import type * as users from "../users.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  auditLogs: typeof auditLogs;
  auth: typeof auth;
  http: typeof http;
  "lib/auth": typeof lib_auth;
  "lib/converters": typeof lib_converters;
  "lib/errors": typeof lib_errors;
  "lib/functions": typeof lib_functions;
  "lib/listPosts": typeof lib_listPosts;
  "lib/posts": typeof lib_posts;
  "lib/signUp": typeof lib_signUp;
  "lib/tagCloud": typeof lib_tagCloud;
  "lib/testPasswords": typeof lib_testPasswords;
  "lib/validators": typeof lib_validators;
  posts: typeof posts;
  profiles: typeof profiles;
  tags: typeof tags;
  testing: typeof testing;
  users: typeof users;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
