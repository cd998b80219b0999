import { isEmailAddress } from '../mail-text';

/**
 * Who may submit for which office by e-mail (`mail.officeSubmitters`): each office lists plain
 * addresses and `@domain` entries (every address of exactly that domain, not its subdomains).
 * Addresses compare without regard to case. Nothing else a message says can choose an office.
 */
export class SubmitterDirectory {
  private readonly addresses = new Map<string, Set<string>>();
  private readonly domains = new Map<string, Set<string>>();
  private readonly explicit = new Map<string, string[]>();

  constructor(entries: Readonly<Record<string, readonly string[]>>) {
    for (const [office, list] of Object.entries(entries)) {
      for (const raw of list) {
        const entry = raw.trim().toLowerCase();
        if (entry.startsWith('@')) add(this.domains, entry.slice(1), office);
        else {
          add(this.addresses, entry, office);
          this.explicit.set(office, [...(this.explicit.get(office) ?? []), entry]);
        }
      }
    }
  }

  /** The offices `address` may submit for, sorted; empty when it is not listed anywhere. */
  officesOf(address: string): string[] {
    const normalised = address.trim().toLowerCase();
    if (!isEmailAddress(normalised)) return [];
    const domain = normalised.slice(normalised.lastIndexOf('@') + 1);
    const offices = new Set([...(this.addresses.get(normalised) ?? []), ...(this.domains.get(domain) ?? [])]);
    return [...offices].sort();
  }

  isListed(address: string, office: string): boolean {
    return this.officesOf(address).includes(office);
  }

  /** The plain addresses listed for an office (the `@domain` entries name nobody to write to). */
  addressesOf(office: string): string[] {
    return [...(this.explicit.get(office) ?? [])];
  }
}

function add(map: Map<string, Set<string>>, key: string, office: string): void {
  const offices = map.get(key) ?? new Set<string>();
  offices.add(office);
  map.set(key, offices);
}

/** An entry of `mail.officeSubmitters`: a plain address, or `@` and a domain name. */
export function isSubmitterEntry(value: string): boolean {
  const entry = value.trim();
  if (entry.startsWith('@')) return /^@([a-z0-9-]+\.)+[a-z]{2,}$/i.test(entry);
  return isEmailAddress(entry);
}
