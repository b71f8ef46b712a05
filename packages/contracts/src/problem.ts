import { type Static, Type } from 'typebox';

/** One thing wrong with a request, named by its JSON pointer-like path (e.g. `/body/name`). */
export const ProblemItem = Type.Object({
  path: Type.String(),
  message: Type.String(),
});

/** An RFC 9457 problem document; every error the API answers has this shape. */
export const Problem = Type.Object(
  {
    type: Type.String({
      description: 'A URI naming the kind of problem; `about:blank` when the status says it all',
    }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ProblemItem)),
  },
  { additionalProperties: true },
);
export type Problem = Static<typeof Problem>;
