import { describe, expect, it } from 'vitest';
import { center, codes, context, examplePolicy, facts, now, offset, open } from './fixtures';

const valid = (code: string, expiresAt?: string) => ({
  code,
  issuer: 'District training centre',
  issuedAt: '2025-01-01T00:00:00Z',
  ...(expiresAt ? { expiresAt } : {}),
});

describe('civilized-city.yaml: shared bike vs tactile paving', () => {
  const policy = examplePolicy('civilized-city');
  const ctx = context('extended');
  const bike = open({
    category: 'shared_bike_parking',
    location: { type: 'Point', coordinates: offset(center, 300, 0) },
  });
  const paving = open({
    id: 't2',
    category: 'tactile_paving',
    location: { type: 'Point', coordinates: offset(center, 0, 200) },
  });
  const newcomer = facts();

  it('lets any newcomer nearby claim a misparked shared bike', () => {
    expect(policy.decide('claim', newcomer, bike, ctx)).toEqual({
      allowed: true,
      reasons: [],
      unlock: [],
    });
  });

  it('keeps a bike beyond the newcomer tier radius out of sight and says how close to come', () => {
    const far = open({
      category: 'shared_bike_parking',
      location: { type: 'Point', coordinates: offset(center, 1500, 0) },
    });
    const decision = policy.decide('discover', newcomer, far, ctx);
    expect(codes(decision)).toEqual(['out_of_range']);
    expect(decision.unlock).toEqual([
      {
        code: 'come_closer',
        message: { en: 'Come within 1000 m', 'zh-CN': '进入任务 1000 米范围内' },
        params: { meters: 1000 },
      },
    ]);
    const withoutPosition = policy.decide('claim', newcomer, bike, context('extended', null));
    expect(withoutPosition.unlock.map((unlock) => unlock.code)).toEqual(['share_location']);
  });

  it('shows the newcomer the broken tactile paving but does not let them claim it', () => {
    expect(policy.decide('discover', newcomer, paving, ctx).allowed).toBe(true);
    const decision = policy.decide('claim', newcomer, paving, ctx);
    expect(codes(decision)).toEqual([
      'level_too_low',
      'category_needs_tier',
      'missing_qualification',
    ]);
    expect(decision.unlock.map((unlock) => [unlock.code, unlock.params])).toEqual([
      ['reach_level', { level: 4 }],
      ['get_qualification', { qualification: 'road_repair' }],
    ]);
    expect(decision.unlock[0]?.message['zh-CN']).toBe('达到 4 级（熟练志愿者）');
  });

  it('lets a trained, qualified participant at level 4 claim the tactile paving', () => {
    const trained = facts(
      {
        id: 'q1',
        kind: 'qualified',
        qualifications: [valid('road_repair', '2027-01-01T00:00:00Z')],
      },
      4,
    );
    expect(policy.decide('claim', trained, paving, ctx).allowed).toBe(true);
  });

  it('treats an expired road-repair qualification as missing', () => {
    const lapsed = facts(
      {
        id: 'q1',
        kind: 'qualified',
        qualifications: [valid('road_repair', '2026-11-01T00:00:00Z')],
      },
      4,
    );
    const decision = policy.decide('claim', lapsed, paving, ctx);
    expect(codes(decision)).toEqual(['missing_qualification']);
    expect(decision.unlock.map((unlock) => unlock.code)).toEqual(['get_qualification']);
  });

  it('lets residents publish (model 2) unless their reports keep turning out false', () => {
    const draft = { ...bike, state: 'draft' };
    expect(policy.decide('publish', newcomer, draft, ctx).allowed).toBe(true);
    const unreliable = { ...newcomer, credibility: 0.1 };
    const decision = policy.decide('publish', unreliable, draft, ctx);
    expect(codes(decision)).toEqual(['low_credibility']);
    expect(decision.unlock[0]?.message.en).toBe('Have your next reports confirmed as useful');
  });

  it('keeps verification with the command center, never with the solver', () => {
    const submitted = { ...bike, state: 'submitted', claimantIds: ['p1'] };
    expect(codes(policy.decide('verify', newcomer, submitted, ctx))).toEqual([
      'verify_not_allowed',
      'verify_own_work',
    ]);
    const center_ = facts({ id: 'cmd', kind: 'command', roles: ['command_center'] });
    // This city lets a publisher verify its own task (publisherCannotVerify is off by default).
    expect(policy.decide('verify', center_, submitted, ctx)).toEqual({
      allowed: true,
      reasons: [],
      unlock: [],
    });
  });
});

describe('police-district.yaml: non-professional police work', () => {
  const policy = examplePolicy('police-district');
  const ctx = context('extended'); // the policy forces model 1 whatever the circle says
  const near = (category: string, id = category, more = {}) =>
    open({
      id,
      category,
      publisherId: 'officer1',
      location: { type: 'Point', coordinates: offset(center, 200, 200) },
      ...more,
    });
  const resident = facts();
  const officer = facts({ id: 'officer1', kind: 'officer', roles: ['community_officer'] });
  const commandCenter = facts({ id: 'cmd', kind: 'command', roles: ['command_center'] });
  const trafficAssistant = facts(
    {
      id: 'ta1',
      kind: 'qualified',
      roles: ['traffic_assistant'],
      qualifications: [valid('traffic_assistance'), valid('patrol')],
    },
    1,
  );
  const patrolMember = facts(
    { id: 'pm1', kind: 'qualified', roles: ['patrol_member'], qualifications: [valid('patrol')] },
    3,
  );

  it('lets only the command center and officers publish (model 1)', () => {
    const draft = { ...near('vehicle_moving'), state: 'draft' };
    const denied = policy.decide('publish', resident, draft, ctx);
    expect(codes(denied)).toEqual(['publish_not_allowed']);
    expect(denied.unlock.map((unlock) => unlock.code)).toEqual(['report_instead']);
    expect(policy.decide('publish', officer, draft, ctx).allowed).toBe(true);
    expect(policy.decide('publish', commandCenter, draft, ctx).allowed).toBe(true);
  });

  it('gives traffic guidance to a traffic assistant, not to an untrained resident', () => {
    const guidance = near('traffic_guidance');
    expect(policy.decide('claim', trafficAssistant, guidance, ctx).allowed).toBe(true);
    expect(codes(policy.decide('claim', resident, guidance, ctx))).toEqual([
      'level_too_low',
      'missing_qualification',
    ]);
  });

  it('reserves patrols for patrol members and volunteers, whatever else qualifies them', () => {
    const patrol = near('patrol_point');
    expect(policy.decide('claim', patrolMember, patrol, ctx).allowed).toBe(true);
    const decision = policy.decide('claim', trafficAssistant, patrol, ctx);
    expect(codes(decision)).toEqual(['patrol_roles_only']);
    expect(decision.unlock[0]?.message['zh-CN']).toBe('加入社保巡逻队或平安志愿者队伍');
    expect(codes(policy.decide('claim', patrolMember, near('patrol_area'), ctx))).toEqual([]);
  });

  it('keeps security information and clue screening with officers', () => {
    for (const category of ['security_info', 'clue_screening', 'suspicious_watch']) {
      const sensitive = near(category);
      for (const who of [resident, trafficAssistant, patrolMember]) {
        expect(codes(policy.decide('discover', who, sensitive, ctx))).toContain('outside_scope');
        expect(codes(policy.decide('view', who, sensitive, ctx))).toEqual(['outside_scope']);
      }
      expect(policy.decide('view', officer, sensitive, ctx).allowed).toBe(true);
    }
  });

  it('lets an officer of any level take the officers-only work the crowd may not', () => {
    // Published by the center, so separation of duties does not apply.
    const watch = near('suspicious_watch', 'w1', { publisherId: 'cmd' });
    const colleague = facts({ id: 'officer2', kind: 'officer', roles: ['security_officer'] }, 0);
    expect(policy.decide('claim', colleague, watch, ctx).allowed).toBe(true);
    const farWatch = near('suspicious_watch', 'w2', {
      publisherId: 'cmd',
      location: { type: 'Point', coordinates: offset(center, 4000, 0) },
    });
    expect(policy.decide('claim', colleague, farWatch, ctx).allowed).toBe(true);
    // The same task is beyond a level-0 patrol member on every count.
    expect(
      codes(
        policy.decide(
          'claim',
          facts({ id: 'pm0', kind: 'qualified', roles: ['patrol_member'] }, 0),
          watch,
          ctx,
        ),
      ),
    ).toContain('outside_scope');
  });

  it('keeps a multi-slot patrol open to a second claimant until its slots are full', () => {
    const secondMember = facts(
      { id: 'pm2', kind: 'qualified', roles: ['patrol_member'], qualifications: [valid('patrol')] },
      3,
    );
    const patrol = near('patrol_area', 'pa1', { slots: 2 });
    const halfTaken = { ...patrol, state: 'claimed', claimantIds: ['pm1'] };
    expect(policy.decide('claim', secondMember, halfTaken, ctx).allowed).toBe(true);
    const full = { ...patrol, state: 'claimed', claimantIds: ['pm1', 'pm3'] };
    expect(codes(policy.decide('claim', secondMember, full, ctx))).toEqual(['no_slot_left']);
    expect(policy.decide('claim', secondMember, full, ctx).reasons[0]?.message).toEqual({
      en: 'All 2 places are taken',
      'zh-CN': '全部 2 个名额已满',
    });
    const single = near('patrol_area', 'pa2', { slots: 1 });
    const taken = { ...single, state: 'claimed', claimantIds: ['pm1'] };
    expect(policy.decide('claim', secondMember, taken, ctx).reasons[0]?.message.en).toBe(
      'The only place is taken',
    );
    // A patrol under way still takes members up to its slots, as the lifecycle does.
    const underWay = { ...patrol, state: 'in_progress', claimantIds: ['pm1'] };
    expect(policy.decide('claim', secondMember, underWay, ctx).allowed).toBe(true);
    const handedIn = { ...patrol, state: 'submitted', claimantIds: ['pm1'] };
    expect(codes(policy.decide('claim', secondMember, handedIn, ctx))).toContain('task_not_open');
  });

  it('holds mediation for the patrol tier with a mediation qualification', () => {
    const mediation = near('civil_dispute_mediation');
    const mediator = facts(
      {
        id: 'm1',
        kind: 'qualified',
        roles: ['security_activist'],
        qualifications: [valid('mediation')],
      },
      3,
    );
    expect(policy.decide('claim', mediator, mediation, ctx).allowed).toBe(true);
    const denied = policy.decide('claim', { ...mediator, level: 1 }, mediation, ctx);
    expect(codes(denied)).toEqual(['level_too_low', 'category_needs_tier']);
    // People read names, never the policy's codes.
    expect(denied.reasons.map((r) => r.message)).toEqual([
      {
        en: 'Difficulty 3 is above what Volunteer may claim (2)',
        'zh-CN': '难度 3 超出志愿者可接的难度（2）',
      },
      { en: 'Civil dispute mediation needs level 3', 'zh-CN': '“民事纠纷调解”需要达到 3 级' },
    ]);
    expect(denied.unlock.map((u) => u.message['zh-CN'])).toContain('达到 3 级（巡逻骨干）');
  });

  it('names the state of a task that is not open, not its lifecycle code', () => {
    const closed = { ...near('vehicle_moving'), state: 'closed' as const };
    const [reason] = policy.decide('claim', patrolMember, closed, ctx).reasons;
    expect(reason?.code).toBe('task_not_open');
    expect(reason?.message).toEqual({
      en: 'The task is closed, not open for claims',
      'zh-CN': '任务已关闭，不能认领',
    });
    const notHandedIn = { ...near('vehicle_moving'), state: 'draft' as const };
    const [notYet] = policy.decide('verify', commandCenter, notHandedIn, ctx).reasons;
    expect(notYet?.message['zh-CN']).toBe('任务仍是草稿，只有已提交的成果才能验收');
  });

  it('knows the district’s own lost-property category', () => {
    expect(policy.decide('claim', resident, near('lost_property'), ctx).allowed).toBe(true);
    expect(policy.categories.get('lost_property')?.name['zh-CN']).toBe('失物招领');
  });

  it('separates duties: no claiming or verifying one’s own task', () => {
    expect(codes(policy.decide('claim', officer, near('vehicle_moving'), ctx))).toEqual([
      'own_task',
    ]);
    const submitted = { ...near('vehicle_moving'), state: 'submitted', claimantIds: ['pm1'] };
    // Only the command center judges work, as in the lifecycle; the officer also published it.
    expect(codes(policy.decide('verify', officer, submitted, ctx))).toEqual([
      'verify_not_allowed',
      'verify_own_task',
    ]);
    expect(policy.decide('verify', commandCenter, submitted, ctx).allowed).toBe(true);
    // The center accepts what it published itself (converted reports, sensor alerts).
    const ownSubmitted = {
      ...submitted,
      task: { ...submitted.task, publisherId: commandCenter.participant.id },
    };
    expect(policy.decide('verify', commandCenter, ownSubmitted, ctx).allowed).toBe(true);
    expect(codes(policy.decide('verify', patrolMember, submitted, ctx))).toEqual([
      'verify_not_allowed',
      'verify_own_work',
    ]);
  });

  it('decides at the instant it is given, not at the wall clock', () => {
    const expiring = facts(
      {
        id: 'ta2',
        kind: 'qualified',
        roles: ['traffic_assistant'],
        qualifications: [valid('traffic_assistance', '2026-11-29T10:00:00Z')],
      },
      1,
    );
    const guidance = near('traffic_guidance');
    expect(policy.decide('claim', expiring, guidance, { ...ctx, now }).allowed).toBe(true);
    expect(
      policy.decide('claim', expiring, guidance, { ...ctx, now: '2026-11-29T10:00:01Z' }).allowed,
    ).toBe(false);
  });
});
