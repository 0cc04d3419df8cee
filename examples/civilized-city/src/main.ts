// Model 2 in a civilized city: a resident publishes, anyone nearby fixes a shared
// bike, but the broken tactile paving waits for a trained participant of a high tier.
import { createCivilizedCity } from './civilizedCity';

const lang = process.argv.includes('--zh') ? 'zh-CN' : 'en';
const city = await createCivilizedCity(lang);
const say = (text: string) => console.log(`\n${text}`);
const last = () => city.story[city.story.length - 1];
const show = () => {
  const line = last();
  console.log(`  ${line?.actor} ${line?.command}: ${line?.status}`);
  for (const reason of line?.reasons ?? []) console.log(`    - ${reason}`);
};

say('Wang (a resident) publishes two tasks outside her building:');
const bike = await city.publish(
  'wang',
  'shared_bike_parking',
  'Three shared bikes parked outside the box',
);
const paving = await city.publish(
  'wang',
  'tactile_paving',
  'Tactile paving strip broken at the gate',
);
console.log(`  ${bike}: shared_bike_parking, ${paving}: tactile_paving`);

say('Wang may not claim her own task (separation of duties):');
await city.run('wang', { type: 'task.claim', taskId: bike });
show();

say(
  'Zhou, a resident 200 m away, wants to fix the bikes. In post-review only qualified participants may start before the center has looked:',
);
await city.run('zhou', { type: 'task.claim', taskId: bike });
show();

say('The center reviews the task; now anyone nearby may claim it, and Zhou fixes the bikes:');
await city.run('center', { type: 'task.review', taskId: bike, decision: 'approved' });
const fixed = await city.solve('zhou', bike);
console.log(`  zhou's work: ${fixed.status}`);

say('Zhou tries the tactile paving too:');
await city.run('zhou', { type: 'task.claim', taskId: paving });
show();

say('Li holds the road-repair qualification but is new — his tier is too low:');
await city.run('li', { type: 'task.claim', taskId: paving });
show();

say('Li earns his way up fixing shared bikes (levels come from accepted work)...');
let level = 0;
for (
  let round = 1;
  round <= 40 && city.engine.claimableNear('li').every((i) => i.task.task.id !== paving);
  round += 1
) {
  await city.solve(
    'li',
    await city.publish('wang', 'shared_bike_parking', `Bikes, round ${round}`),
  );
  level = city.engine.reputation.profile('li', city.now()).level.current;
}
console.log(`  Li is now level ${level}.`);

say('...and now claims and repairs the paving; the center accepts and rates it:');
const repaired = await city.solve('li', paving);
console.log(`  li's work: ${repaired.status}`);
const state = city.engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === paving)
  ?.snapshot.state;
console.log(`\nThe paving task is ${state}.`);
