import { z } from 'zod';

const DECIMAL_DIGITS = /^[0-9]+$/;

/**
 * A query parameter that is an integer: the value must be decimal digits ("1e1", "0x10", " 7"
 * and "+7" are not, as Number() would have them), then `schema` judges the number. Documented
 * as `schema` is.
 */
export const queryInteger = <S extends z.ZodType<number | undefined>>(schema: S) =>
  z.preprocess(
    (value) => (typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value),
    schema,
  );
