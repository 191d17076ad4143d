import { Session } from './session.entity';
import { User } from './user.entity';
import { PasswordReset } from './password-reset.entity';

export * from './user.entity';
export * from './session.entity';
export * from './password-reset.entity';
export * from './password';
export * from './client-key';
export * from './login-limiter';
export * from './request-limiter';
export * from './accounts.service';
export * from './dto/auth.dto';
export const ACCOUNTS_ENTITIES = [User, Session, PasswordReset];
export * from './accounts.module';
