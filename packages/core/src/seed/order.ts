/**
 * The order in which tables are filled: parents before children. Foreign keys that form a cycle
 * between tables are broken where a key is nullable: the child rows are inserted with those
 * columns null and updated once the other tables of the cycle have rows. A cycle made only of
 * NOT NULL keys cannot be filled this way and is reported.
 *
 * Self-references are not ordering constraints (a table cannot come before itself); the caller
 * decides how to fill them.
 */

export interface Dependency {
  /** The referencing table. */
  child: string;
  /** The referenced table. */
  parent: string;
  /** The foreign key's name, for messages. */
  name: string;
  /** The key's columns may be null, so the dependency can be satisfied after insertion. */
  breakable: boolean;
}

export interface InsertOrder {
  tables: string[];
  /** Dependencies satisfied by updates after every table of their cycle has rows. */
  deferred: Dependency[];
}

export class UnbreakableCycleError extends Error {
  constructor(
    readonly tables: string[],
    readonly keys: string[],
  ) {
    super(
      `Tables ${tables.join(', ')} reference each other through NOT NULL foreign keys (${keys.join(', ')}), so none of them can get a first row. ` +
        'Make one of these foreign keys nullable, skip one of the tables, or give them rows in seed.sql.',
    );
    this.name = 'UnbreakableCycleError';
  }
}

/** Strongly connected components (Tarjan), each a list of table names. */
function components(tables: string[], edges: Dependency[]): string[][] {
  const children = new Map<string, string[]>(tables.map((t) => [t, []]));
  for (const e of edges) children.get(e.parent)?.push(e.child);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  // Iterative, so that a long chain of tables cannot overflow the call stack.
  for (const root of tables) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const successors = children.get(frame.node) ?? [];
      if (frame.next < successors.length) {
        const next = successors[frame.next++];
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, next: 0 });
        } else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        result.push(component);
      }
    }
  }
  return result;
}

/**
 * Orders `tables` so that every parent precedes its children; ties are broken by name so that the
 * order (and with it the generated data) does not depend on catalog order.
 */
export function planInsertOrder(tables: string[], dependencies: Dependency[]): InsertOrder {
  const known = new Set(tables);
  const edges = dependencies.filter((d) => d.child !== d.parent && known.has(d.child) && known.has(d.parent));
  const componentOf = new Map<string, number>();
  const found = components(tables, edges);
  found.forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));
  const deferred = edges.filter((e) => e.breakable && componentOf.get(e.child) === componentOf.get(e.parent));
  const kept = edges.filter((e) => !deferred.includes(e));

  const waitingOn = new Map<string, number>(tables.map((t) => [t, 0]));
  const childrenOf = new Map<string, string[]>(tables.map((t) => [t, []]));
  for (const e of kept) {
    waitingOn.set(e.child, waitingOn.get(e.child)! + 1);
    childrenOf.get(e.parent)!.push(e.child);
  }
  const ready = tables.filter((t) => waitingOn.get(t) === 0).sort();
  const ordered: string[] = [];
  while (ready.length > 0) {
    const table = ready.shift()!;
    ordered.push(table);
    for (const child of childrenOf.get(table)!) {
      const remaining = waitingOn.get(child)! - 1;
      waitingOn.set(child, remaining);
      if (remaining === 0) {
        const at = ready.findIndex((t) => t > child);
        ready.splice(at < 0 ? ready.length : at, 0, child);
      }
    }
  }
  if (ordered.length < tables.length) {
    // Tables downstream of the cycle are stuck too; name only the cycle's members.
    const stuck = tables.filter((t) => !ordered.includes(t) && found[componentOf.get(t)!].length > 1).sort();
    const keys = kept.filter((e) => stuck.includes(e.child) && stuck.includes(e.parent)).map((e) => `${e.child}.${e.name} → ${e.parent}`);
    throw new UnbreakableCycleError(stuck, keys);
  }
  return { tables: ordered, deferred };
}
