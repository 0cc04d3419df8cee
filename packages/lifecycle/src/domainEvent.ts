import type { DomainEvent, DomainEventData, DomainEventType } from '@quanzi/core';

/** A domain event, typed by its entry in the core catalogue. */
export function domainEvent<TType extends DomainEventType>(
  type: TType,
  data: DomainEventData<TType>,
): DomainEvent {
  return { type, data } as DomainEvent;
}

/** `{ [key]: value }` only when `value` is defined: events and JSON carry no `undefined`. */
export function optionalField<TKey extends string, TValue>(
  key: TKey,
  value: TValue | undefined,
): { [K in TKey]?: TValue } {
  return (value === undefined ? {} : { [key]: value }) as { [K in TKey]?: TValue };
}
