import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import type { RuleContext, RuleMessage } from './rule-message';

/**
 * A class-validator rule written as one check of the value: the value fails when `problem` names a
 * rule; the API answers that rule's English words and a page form reads its key from the
 * validator's context, so the two always name the same rule. With `{ each: true }` every entry of
 * a list is checked and the first broken entry names the rule.
 */
export function ValidateRule(name: string, problem: (value: unknown) => RuleMessage | null, options?: ValidationOptions): PropertyDecorator {
  const ruleOf = (value: unknown): RuleMessage | null => (options?.each && Array.isArray(value) ? (value.map(problem).find((r) => r !== null) ?? null) : problem(value));
  const context: RuleContext = { rule: ruleOf };
  return ValidateBy(
    { name, validator: { validate: (value: unknown) => problem(value) === null, defaultMessage: (args?: ValidationArguments) => ruleOf(args?.value)?.text ?? '' } },
    { ...options, context },
  );
}
