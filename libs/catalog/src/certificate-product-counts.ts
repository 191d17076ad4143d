import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { DelistReason } from '@ocop/core';
import { CertificateProducts, type CertificateProductCount } from '@ocop/certification';
import { Product } from './product.entity';

/** The catalogue's answer to the registry: how many products each certificate carries, by state. */
@Injectable()
export class CertificateProductCounts extends CertificateProducts {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Counts by certificate id, one GROUP BY query; certificates without products are absent. Read-only. */
  async count(certificateIds: string[]): Promise<Map<string, CertificateProductCount>> {
    const out = new Map<string, CertificateProductCount>();
    const ids = [...new Set(certificateIds)];
    if (ids.length === 0) return out;
    const rows = await this.dataSource
      .createQueryBuilder()
      .from(Product, 'p')
      .select('p.certificateId', 'certificateId')
      .addSelect('p.state', 'state')
      .addSelect('p.delistReason', 'delistReason')
      .addSelect('COUNT(*)', 'n')
      .where({ certificateId: In(ids) })
      .groupBy('p.certificateId')
      .addGroupBy('p.state')
      .addGroupBy('p.delistReason')
      .getRawMany<{ certificateId: string; state: string; delistReason: DelistReason | null; n: string | number }>();
    for (const r of rows) {
      const c = out.get(r.certificateId) ?? { total: 0, listed: 0, delisted: {} };
      const n = Number(r.n);
      c.total += n;
      if (r.state === 'listed') c.listed += n;
      if (r.state === 'delisted' && r.delistReason) c.delisted[r.delistReason] = (c.delisted[r.delistReason] ?? 0) + n;
      out.set(r.certificateId, c);
    }
    return out;
  }
}
