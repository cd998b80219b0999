import { OutboxMailSender } from '../adapters/mail/outbox-mail-sender';
import { buildDependencies, type Dependencies } from '../composition/dependencies';
import type { ProductConfig } from '../config/product-config';
import type { Catalog } from '../domain/catalog/catalog';
import { type Clock, systemClock } from '../ports/clock';
import type { MailSender } from '../ports/mail-sender';
import type { LocalRuntime } from './local-runtime';

/** The same dependencies the Lambdas get, wired to the embedded servers and the .eml outbox. */
export function localDependencies(
  runtime: LocalRuntime,
  settings: { catalog: Catalog; config: ProductConfig; clock?: Clock; mail?: MailSender },
): Dependencies {
  const clock = settings.clock ?? systemClock;
  return buildDependencies({
    clients: runtime.clients,
    names: runtime.names,
    catalog: settings.catalog,
    config: settings.config,
    clock,
    mail: settings.mail ?? new OutboxMailSender(runtime.outboxDirectory, clock),
  });
}
