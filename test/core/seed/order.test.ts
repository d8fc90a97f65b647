import { planInsertOrder, UnbreakableCycleError, type Dependency } from '../../../packages/core/src/seed/order';

const key = (child: string, parent: string, breakable = false, name = `${child}_${parent}_fkey`): Dependency => ({ child, parent, name, breakable });

describe('insert order', () => {
  it('puts parents before children and breaks ties by name', () => {
    const order = planInsertOrder(['order_items', 'orders', 'users', 'products', 'audit'], [key('order_items', 'orders'), key('order_items', 'products'), key('orders', 'users')]);
    expect(order.tables).toEqual(['audit', 'products', 'users', 'orders', 'order_items']);
    expect(order.deferred).toEqual([]);
  });

  it('ignores self-references and keys to tables outside the run', () => {
    const order = planInsertOrder(['employees', 'teams'], [key('employees', 'employees', true), key('employees', 'teams'), key('teams', 'auth.users')]);
    expect(order.tables).toEqual(['teams', 'employees']);
    expect(order.deferred).toEqual([]);
  });

  it('breaks a two-table cycle at its nullable key and keeps the NOT NULL one as an ordering', () => {
    const billing = key('organizations', 'users', true, 'organizations_billing_contact_fkey');
    const order = planInsertOrder(['users', 'organizations', 'orders'], [key('users', 'organizations'), billing, key('orders', 'users')]);
    expect(order.deferred).toEqual([billing]);
    expect(order.tables).toEqual(['organizations', 'users', 'orders']);
  });

  it('reports a cycle of NOT NULL keys, naming only the tables of the cycle', () => {
    let caught: unknown;
    try {
      planInsertOrder(['a', 'b', 'c', 'downstream'], [key('a', 'b'), key('b', 'a'), key('downstream', 'a'), key('c', 'a', true)]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnbreakableCycleError);
    expect((caught as UnbreakableCycleError).tables).toEqual(['a', 'b']);
    expect((caught as Error).message).toContain('a.a_b_fkey → b');
  });

  it('handles a long chain without recursion limits', () => {
    const tables = Array.from({ length: 5000 }, (_, i) => `t${String(i).padStart(4, '0')}`);
    const dependencies = tables.slice(1).map((t, i) => key(t, tables[i]));
    expect(planInsertOrder([...tables].reverse(), dependencies).tables).toEqual(tables);
  });
});
