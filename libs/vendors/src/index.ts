export * from './vendor.entity';
export * from './vendor.rules';
export * from './vendors.repository';
export * from './vendors.service';
export * from './vendors.module';
export * from './dto/vendor.dto';
