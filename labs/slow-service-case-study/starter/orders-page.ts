/**
 * Exercise "orders-page" (lab slow-service-case-study): the handler behind
 * GET /orders?user=… of the lab's slow service. It must return the same page as before, and
 * do far less work.
 *
 * The data lives behind a `Store` with no indexes: every call scans a whole table, and the
 * store counts the rows it reads. Calling `productById` once per order is the classic
 * "N + 1 queries" pattern — one query for the orders, then one more per order — and here each of
 * those queries is a table scan.
 *
 * The page:
 *   - one line per order of the user, ordered by order id;
 *   - a line's `product` is the product's name, or "(deleted product)" when the product no
 *     longer exists (its total is then 0);
 *   - a line's `totalCents` is priceCents × quantity; the page's `totalCents` is their sum.
 *
 * The work budget the tests check (every test, the page's as well): at most one scan of each
 * table per request, i.e. rows read ≤ rows in orders + rows in products, whatever the number of
 * orders.
 *
 * Checked by tests/orders-page.test.ts, which ships with DDIA Labs:
 *   - "renders every order of the user with its product, by order id"
 *   - "an order for a deleted product still shows, with a zero total"
 *   - "a request reads each table at most once"
 *   - "the work does not grow with orders × products"
 */

export interface Product {
  readonly id: number;
  readonly name: string;
  readonly priceCents: number;
}

export interface Order {
  readonly id: number;
  readonly userId: number;
  readonly productId: number;
  readonly quantity: number;
}

export interface Store {
  /** Scans the orders table (every row is read). */
  ordersOfUser(userId: number): Order[];
  /** Scans the products table until the id is found (all rows when it is not). */
  productById(id: number): Product | undefined;
  /** Scans the products table once, returning every product whose id is in `ids`. */
  productsByIds(ids: readonly number[]): Product[];
}

export interface OrderLine {
  readonly orderId: number;
  readonly product: string;
  readonly quantity: number;
  readonly totalCents: number;
}

export interface OrdersPage {
  readonly userId: number;
  readonly lines: OrderLine[];
  readonly totalCents: number;
}

export function renderOrders(store: Store, userId: number): OrdersPage {
  const orders = [...store.ordersOfUser(userId)].sort((a, b) => a.id - b.id);
  const lines = orders.map((order) => {
    const product = store.productById(order.productId);
    return {
      orderId: order.id,
      product: product?.name ?? '(deleted product)',
      quantity: order.quantity,
      totalCents: product ? product.priceCents * order.quantity : 0,
    };
  });
  return { userId, lines, totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0) };
}
