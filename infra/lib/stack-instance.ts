import { Fn, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Eight hex digits that are new each time the stack is created and stable across its updates:
 * the first group of the UUID at the end of the stack id
 * (`arn:…:stack/<name>/51af3dc0-da77-…`). A resource that needs a fixed name and is retained
 * when the stack is deleted (a backup vault, a production log group) carries it, so deploying
 * the stack again after a destroy creates a new resource instead of colliding with the kept one.
 */
export const stackInstanceSuffix = (scope: IConstruct): string =>
  Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Stack.of(scope).stackId))));
