import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { isUniqueViolation, type Transactions } from '@ocop/database';
import { Product } from '@ocop/catalog';
import { Certificate } from '@ocop/certification';
import { Vendor } from '@ocop/vendors';
import { Village } from '@ocop/villages';
import { CartItem } from './cart-item.entity';

/** A product with the rows its listing gate and its cart line need. */
export interface ProductWithGate {
  product: Product;
  certificate: Certificate | null;
  vendor: Vendor | null;
  village: Village | null;
}

/** A cart line with its product's rows (lines whose product no longer exists are left out). */
export interface CartRow extends ProductWithGate {
  item: CartItem;
}

/** Statements on `cart_items` and the product rows a cart shows; each joins the caller's transaction. */
export class CartRepository {
  constructor(private readonly tx: Transactions) {}

  private get em() {
    return this.tx.manager();
  }

  /** The cart's lines, oldest first (lines are inserted with a millisecond time: the column's default has whole seconds on SQLite), each with its product, certificate, vendor and village. */
  async rows(cartKey: string): Promise<CartRow[]> {
    const items = await this.em.find(CartItem, { where: { cartKey }, order: { createdAt: 'ASC', id: 'ASC' } });
    const products = await this.products(items.map((i) => i.productId));
    return items.flatMap((item) => {
      const p = products.get(item.productId);
      return p ? [{ item, ...p }] : [];
    });
  }

  /** Products by id with their gate rows. */
  async products(ids: string[]): Promise<Map<string, ProductWithGate>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const products = await this.em.findBy(Product, { id: In(unique) });
    const [certificates, vendors, villages] = await Promise.all([
      this.byIds(
        Certificate,
        products.map((p) => p.certificateId),
      ),
      this.byIds(
        Vendor,
        products.map((p) => p.vendorId),
      ),
      this.byIds(
        Village,
        products.map((p) => p.villageId),
      ),
    ]);
    return new Map(
      products.map((product) => [
        product.id,
        { product, certificate: certificates.get(product.certificateId) ?? null, vendor: vendors.get(product.vendorId) ?? null, village: villages.get(product.villageId) ?? null },
      ]),
    );
  }

  private async byIds<T extends { id: string }>(entity: new () => T, ids: string[]): Promise<Map<string, T>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = (await this.em.getRepository(entity).findBy({ id: In(unique) } as never)) as T[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  line(cartKey: string, productId: string): Promise<CartItem | null> {
    return this.em.findOneBy(CartItem, { cartKey, productId });
  }

  /** Adds `quantity` to the line, creating it when missing (a concurrent creation is added to instead). */
  async addToLine(cartKey: string, productId: string, quantity: number): Promise<void> {
    const added = await this.em.increment(CartItem, { cartKey, productId }, 'quantity', quantity);
    if ((added.affected ?? 0) > 0) return;
    try {
      await this.em.insert(CartItem, { id: randomUUID(), cartKey, productId, quantity, createdAt: new Date() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.em.increment(CartItem, { cartKey, productId }, 'quantity', quantity);
    }
  }

  /** Sets the line's quantity, creating it when missing. */
  async setLine(cartKey: string, productId: string, quantity: number): Promise<void> {
    const set = await this.em.update(CartItem, { cartKey, productId }, { quantity });
    if ((set.affected ?? 0) > 0) return;
    try {
      await this.em.insert(CartItem, { id: randomUUID(), cartKey, productId, quantity, createdAt: new Date() });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.em.update(CartItem, { cartKey, productId }, { quantity });
    }
  }

  /** Removes lines of the cart (all of them without `productIds`); returns how many went. */
  async removeLines(cartKey: string, productIds?: string[]): Promise<number> {
    if (productIds && productIds.length === 0) return 0;
    const res = await this.em.delete(CartItem, productIds ? { cartKey, productId: In(productIds) } : { cartKey });
    return res.affected ?? 0;
  }

  /** The sum of the quantities of the cart's lines. */
  async count(cartKey: string): Promise<number> {
    const sum = await this.em.sum(CartItem, 'quantity', { cartKey });
    return Number(sum ?? 0);
  }
}
