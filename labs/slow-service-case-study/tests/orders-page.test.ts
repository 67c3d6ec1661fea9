/**
 * Built-in tests for exercise "orders-page". The store here is the tests' own: it scans its
 * tables like the lab's store and counts every row it reads, so the work budget is checked by
 * counting, never by timing. The expected pages are computed independently, from the tables,
 * with plain loops. A right page that takes an N + 1 scan earns nothing: the exercise is the
 * speed-up, so the tests of the page check the budget too.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface Product {
  id: number;
  name: string;
  priceCents: number;
}
interface Order {
  id: number;
  userId: number;
  productId: number;
  quantity: number;
}
interface OrdersPage {
  userId: number;
  lines: { orderId: number; product: string; quantity: number; totalCents: number }[];
  totalCents: number;
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding orders-page.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderOrders } = require(path.join(exerciseDir, 'orders-page.ts')) as {
  renderOrders(store: CountingStore, userId: number): OrdersPage;
};

class CountingStore {
  rowsRead = 0;
  constructor(
    readonly products: readonly Product[],
    readonly orders: readonly Order[],
  ) {}
  ordersOfUser(userId: number): Order[] {
    this.rowsRead += this.orders.length;
    return this.orders.filter((o) => o.userId === userId).map((o) => ({ ...o }));
  }
  productById(id: number): Product | undefined {
    for (const p of this.products) {
      this.rowsRead++;
      if (p.id === id) return { ...p };
    }
    return undefined;
  }
  productsByIds(ids: readonly number[]): Product[] {
    const wanted = new Set(ids);
    this.rowsRead += this.products.length;
    return this.products.filter((p) => wanted.has(p.id)).map((p) => ({ ...p }));
  }
}

/** A deterministic shop: `productCount` products, orders spread over users by a fixed rule. */
function shop(productCount: number, orderCount: number, users: number): CountingStore {
  const products = Array.from({ length: productCount }, (_, i) => ({
    id: 1000 + i,
    name: `product ${i}`,
    priceCents: 100 + ((i * 37) % 900),
  }));
  const orders = Array.from({ length: orderCount }, (_, i) => ({
    // Ids descend so that table order is not order-id order.
    id: orderCount - i,
    userId: (i * 7) % users,
    productId: 1000 + ((i * 131) % productCount),
    quantity: 1 + (i % 4),
  }));
  return new CountingStore(products, orders);
}

function expectedPage(store: CountingStore, userId: number): OrdersPage {
  const lines: OrdersPage['lines'] = [];
  for (const o of store.orders) {
    if (o.userId !== userId) continue;
    let product: Product | undefined;
    for (const p of store.products) if (p.id === o.productId) product = p;
    lines.push({
      orderId: o.id,
      product: product ? product.name : '(deleted product)',
      quantity: o.quantity,
      totalCents: product ? product.priceCents * o.quantity : 0,
    });
  }
  lines.sort((a, b) => a.orderId - b.orderId);
  let total = 0;
  for (const l of lines) total += l.totalCents;
  return { userId, lines, totalCents: total };
}

/**
 * The exercise is to keep the page and do far less work, so every test of the page also checks
 * the work budget: one scan of each table per request.
 */
function assertWithinBudget(store: CountingStore, userId: number): void {
  const budget = store.orders.length + store.products.length;
  assert.ok(
    store.rowsRead <= budget,
    `the page of user ${userId} is right, but it read ${store.rowsRead} rows; the budget is ${budget} (one scan of each table)`,
  );
}

test('renders every order of the user with its product, by order id', () => {
  const store = shop(50, 400, 10);
  const page = renderOrders(store, 3);
  assert.deepEqual(page, expectedPage(store, 3));
  assert.equal(page.lines.length, 40);
  assertWithinBudget(store, 3);
  // A user without orders gets an empty page.
  store.rowsRead = 0;
  assert.deepEqual(renderOrders(store, 99), { userId: 99, lines: [], totalCents: 0 });
  assertWithinBudget(store, 99);
});

test('an order for a deleted product still shows, with a zero total', () => {
  const store = shop(50, 400, 10);
  const gone = store.orders.find((o) => o.userId === 4)!.productId;
  const remaining = new CountingStore(
    store.products.filter((p) => p.id !== gone),
    store.orders,
  );
  const page = renderOrders(remaining, 4);
  assert.deepEqual(page, expectedPage(remaining, 4));
  assert.ok(page.lines.some((l) => l.product === '(deleted product)' && l.totalCents === 0));
  assertWithinBudget(remaining, 4);
});

test('a request reads each table at most once', () => {
  const store = shop(2000, 6000, 20);
  const page = renderOrders(store, 5);
  assert.equal(page.lines.length, 300);
  const budget = store.orders.length + store.products.length;
  assert.ok(store.rowsRead <= budget, `read ${store.rowsRead} rows for one page; the budget is ${budget} (one scan of each table)`);
});

test('the work does not grow with orders × products', () => {
  const small = shop(4000, 2000, 20);
  renderOrders(small, 1);
  const large = shop(4000, 8000, 20);
  renderOrders(large, 1);
  // Four times the orders (and four times the user's orders) may cost about four times the
  // orders scan, but not four times the orders times the products.
  assert.ok(
    large.rowsRead <= large.orders.length + large.products.length,
    `${small.rowsRead} rows with 100 orders, ${large.rowsRead} rows with 400: that grows like orders × products`,
  );
});
