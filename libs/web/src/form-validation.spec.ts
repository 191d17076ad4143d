import { IsOptional, IsString, Matches, validate } from 'class-validator';
import { ruleMessage, Rules, ruleOptions, ValidateRule, ValidationError, type RuleMessage } from '@ocop/core';
import { domainFormError, validateForm, type FormSpec } from './form-validation';

const SPEC: FormSpec = { decisionNo: { label: 'login.email' }, taxCode: { label: 'login.password' }, note: { label: 'login.email' } };

/** The same rule as the catalogue's, with its API words reworded. */
const reworded = (rule: RuleMessage, text: string): RuleMessage => ruleMessage(rule.key, text, rule.params);

describe('domain errors on a page form', () => {
  it('are worded by the key of their rule, not by their English words', () => {
    const err = new ValidationError('decisionNo', reworded(Rules.maxLength(100), 'may hold no more than a hundred letters'));
    expect(err.message).toBe('decisionNo: may hold no more than a hundred letters');
    expect(err.details).toEqual({ errors: [{ field: 'decisionNo', message: 'may hold no more than a hundred letters' }] });
    expect(domainFormError(err, SPEC, 'vi')).toEqual({ field: 'decisionNo', name: 'decisionNo', label: 'Email', message: 'Email: tối đa 100 ký tự.' });
    expect(domainFormError(new ValidationError('taxCode', reworded(Rules.taxCode(), 'is no tax code we know')), SPEC, 'vi').message).toBe(
      'Mật khẩu: phải là mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số.',
    );
    expect(domainFormError(new ValidationError('decisionNo', reworded(Rules.betweenInt(1, 1_000_000), 'out of range')), SPEC, 'de').message).toBe(
      'E-Mail: muss eine ganze Zahl von 1 bis 1.000.000 sein.',
    );
  });

  it('answer the API with the same words as before', () => {
    const err = new ValidationError('until', Rules.afterStart('from'));
    expect(err.message).toBe('until: must be after from');
    expect(err.rule).toMatchObject({ key: 'form.afterStart' });
    expect(new ValidationError('until', 'must be after from').rule).toBeNull();
  });

  it('show the generic words for a plain message, and its English words only on an English page', () => {
    const plain = new ValidationError('decisionNo', 'must not be empty');
    expect(domainFormError(plain, SPEC, 'vi').message).toBe('Email: giá trị không hợp lệ.');
    expect(domainFormError(plain, SPEC, 'de').message).toBe('E-Mail: dieser Wert ist ungültig.');
    expect(domainFormError(plain, SPEC, 'en').message).toBe('E-mail must not be empty');
  });

  it('name a field the form lacks by the generic words for it', () => {
    expect(domainFormError(new ValidationError('vendorId', Rules.unknownChoice('vendor')), SPEC, 'vi')).toEqual({
      field: 'vendorId',
      name: null,
      label: null,
      message: 'Ô này: mục đã chọn không tồn tại hoặc không thuộc về bạn.',
    });
  });
});

class NoteDto {
  @ValidateRule('note', (v) => (typeof v !== 'string' ? Rules.isString() : v.length > 5 ? reworded(Rules.maxLength(5), 'is too long, say the API') : null))
  note: string;

  @IsOptional() @IsString() @Matches(/^\d{10}$/, ruleOptions(reworded(Rules.taxCode(), 'reworded tax code'))) taxCode?: string;
  @IsOptional() @IsString() @Matches(/^\d+$/) decisionNo?: string;
}

describe('DTO rules on a page form', () => {
  it('take their key from the validator context, for the value actually sent', async () => {
    const long = await validateForm(NoteDto, { note: 'quá dài rồi', taxCode: '12' }, SPEC, 'vi');
    expect(long.errors?.map((e) => e.message)).toEqual(['Email: tối đa 5 ký tự.', 'Mật khẩu: phải là mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số.']);
    const blank = await validateForm(NoteDto, { note: ' ' }, SPEC, 'vi');
    expect(blank.errors?.map((e) => e.message)).toEqual(['Email: vui lòng điền thông tin.']);
  });

  it('word a built-in pattern without a context as a format problem', async () => {
    const res = await validateForm(NoteDto, { note: 'ok', decisionNo: 'abc' }, SPEC, 'vi');
    expect(res.errors?.map((e) => e.message)).toEqual(['Email: không đúng định dạng.']);
  });

  it('give the API the English words of the same rule', async () => {
    const problems = await validate(Object.assign(new NoteDto(), { note: 'much too long', taxCode: '12' }));
    expect(problems.map((p) => p.constraints)).toEqual([{ note: 'is too long, say the API' }, { matches: 'reworded tax code' }]);
    const res = await validateForm(NoteDto, { note: 'much too long', taxCode: '12' }, SPEC, 'en');
    expect(res.errors?.map((e) => e.message)).toEqual(['E-mail: at most 5 characters.', 'Password: must be a tax code of 10 digits, or 10 digits, "-" and 3 digits.']);
  });
});
