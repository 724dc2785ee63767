'use client';

import { actionFailure, actionSuccess, type ActionResult } from '@parity/ui';
import { contractErrorFromData } from '@parity/domain';
import { useQueries, type RequestForQueries } from 'convex/react';
import { ConvexError } from 'convex/values';
import {
  getFunctionName,
  type FunctionArgs,
  type FunctionReference,
  type FunctionReturnType,
} from 'convex/server';
import { useMemo } from 'react';

/**
 * useQuery for a query whose refusal is part of the page (a VALIDATION on `?tag=`, a NOT_FOUND
 * audit log): the same live subscription, with the contract error as a result instead of a throw.
 * undefined while loading; `'skip'` subscribes to nothing.
 */
export function useQueryResult<Q extends FunctionReference<'query'>>(
  query: Q,
  args: FunctionArgs<Q> | 'skip',
): ActionResult<FunctionReturnType<Q>> | undefined {
  const queryName = getFunctionName(query);
  const serializedArgs = JSON.stringify(args);
  const queries = useMemo(
    (): RequestForQueries => (args === 'skip' ? {} : { result: { query, args } }),
    // Function references (`api.x.y`) and args objects are new on every render: their name and
    // contents decide whether to resubscribe, as in Convex's own useQuery.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryName, serializedArgs],
  );
  const result = useQueries(queries).result as FunctionReturnType<Q> | Error | undefined;
  if (result === undefined) return undefined;
  if (!(result instanceof Error)) return actionSuccess(result);
  const contractError = result instanceof ConvexError ? contractErrorFromData(result.data) : null;
  if (contractError) return actionFailure(contractError);
  throw result;
}
