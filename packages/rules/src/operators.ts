/**
 * The operators a condition may use. The first ten are json-rules-engine's own; the
 * rest are Quanzi's domain operators, registered on the reference engine with the
 * very functions the compiled path calls.
 */
export const operatorNames = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'withinMeters',
  'hasQualification',
  'levelAtLeast',
  'inTeam',
  'hasTag',
  'hasRole',
] as const;

/** One of {@link operatorNames}. */
export type OperatorName = (typeof operatorNames)[number];

type Evaluate = (factValue: unknown, value: unknown) => boolean;
// Casts only satisfy the compiler: like json-rules-engine, these call whatever they get.
type Indexable = { indexOf(item: unknown): number };

const field = (subject: unknown, key: string): unknown =>
  typeof subject === 'object' && subject !== null
    ? (subject as Record<string, unknown>)[key]
    : undefined;

const list = (subject: unknown, key: string): readonly unknown[] => {
  const value = field(subject, key);
  return Array.isArray(value) ? value : [];
};

const wanted = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * Quanzi's domain operators. Each reads the participant or context fact as a whole,
 * so a policy author writes `{ fact: 'participant', operator: 'hasTag', value: 'x' }`.
 */
export const domainOperators = {
  /** The task lies within `value` metres of the participant's position (fact `context`). */
  withinMeters: (factValue: unknown, value: unknown) => {
    const distance = typeof factValue === 'number' ? factValue : field(factValue, 'distanceMeters');
    return typeof distance === 'number' && typeof value === 'number' && distance <= value;
  },
  /** Holds every listed qualification, unexpired at the decision's `now`. */
  hasQualification: (factValue: unknown, value: unknown) => {
    const held = list(factValue, 'qualifications');
    return wanted(value).every((code) => held.includes(code));
  },
  /** The participant's level is at least `value`. */
  levelAtLeast: (factValue: unknown, value: unknown) => {
    const level = typeof factValue === 'number' ? factValue : field(factValue, 'level');
    return typeof level === 'number' && typeof value === 'number' && level >= value;
  },
  /** Belongs to one of the listed teams (or is that team). */
  inTeam: (factValue: unknown, value: unknown) => {
    const teams = list(factValue, 'teamIds');
    const self = field(factValue, 'id');
    return wanted(value).some((team) => team === self || teams.includes(team));
  },
  /** Carries every listed tag. */
  hasTag: (factValue: unknown, value: unknown) => {
    const tags = list(factValue, 'tags');
    return wanted(value).every((tag) => tags.includes(tag));
  },
  /** Holds at least one of the listed roles. */
  hasRole: (factValue: unknown, value: unknown) => {
    const roles = list(factValue, 'roles');
    return wanted(value).some((role) => roles.includes(role));
  },
} satisfies Record<string, Evaluate>;

// json-rules-engine only runs an operator when its fact-value validator passes; these
// mirror its validators exactly (including parseFloat's leniency) so both paths agree.
// For numbers (nearly every call) parseFloat's round trip through a string reduces to a
// NaN check, and skipping the string saves most of a comparison's cost.
const isNumberLike = (value: unknown) =>
  typeof value === 'number'
    ? !Number.isNaN(value)
    : Number.parseFloat(value as string).toString() !== 'NaN';

const guarded =
  (validate: (value: unknown) => boolean, evaluate: Evaluate): Evaluate =>
  (factValue, value) =>
    validate(factValue) && evaluate(factValue, value);

/** Every operator's evaluation, as the compiled path runs it. */
export const operatorImplementations: Record<OperatorName, Evaluate> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as Indexable).indexOf(a) > -1,
  notIn: (a, b) => (b as Indexable).indexOf(a) === -1,
  contains: guarded(Array.isArray, (a, b) => (a as Indexable).indexOf(b) > -1),
  doesNotContain: guarded(Array.isArray, (a, b) => (a as Indexable).indexOf(b) === -1),
  lessThan: guarded(isNumberLike, (a, b) => (a as number) < (b as number)),
  lessThanInclusive: guarded(isNumberLike, (a, b) => (a as number) <= (b as number)),
  greaterThan: guarded(isNumberLike, (a, b) => (a as number) > (b as number)),
  greaterThanInclusive: guarded(isNumberLike, (a, b) => (a as number) >= (b as number)),
  ...domainOperators,
};
