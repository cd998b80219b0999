import type { ObjectStore } from '../../ports/object-store';

/**
 * Stands in for a bucket a function was deployed without (remind has none; ingest has no reports
 * bucket). Any use fails at once, naming the variable to set and bind, instead of calling S3 with
 * an empty bucket name and surfacing an unrelated SDK error.
 */
export class UnconfiguredObjectStore implements ObjectStore {
  readonly bucket = '';

  constructor(private readonly variable: string) {}

  private refuse(): never {
    throw new Error(
      `this function has no ${this.variable}: add it to the function's awsDependencies list and its stack bindings`,
    );
  }

  put(): never {
    return this.refuse();
  }
  get(): never {
    return this.refuse();
  }
  getStream(): never {
    return this.refuse();
  }
  head(): never {
    return this.refuse();
  }
  list(): never {
    return this.refuse();
  }
  delete(): never {
    return this.refuse();
  }
  presignGet(): never {
    return this.refuse();
  }
}
