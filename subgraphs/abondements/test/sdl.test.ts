import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSdl, sdlPath } from '../src/print-sdl.ts';

describe('the committed SDL', () => {
  it('is the schema the code prints (run `npm run sdl` after a schema change)', () => {
    expect(fs.readFileSync(sdlPath, 'utf8')).toBe(printedSdl());
  });

  it("carries the contract's @requires of fundingPlan and dotations", () => {
    const sdl = printedSdl();
    expect(sdl).toContain(
      'fundingPlan: FundingPlan @requires(fields: "cpfQuote { date price balance eligible ineligibilityReason spendingCap spendingCapSource spendingCapStatus spendingOrderCode spendingSteps spendingOrderSource participation { amount amountStatus due exemptionReason exemptionCode exemptWithTopUpFrom exemptWithDotationFrom legalSource } } holder { accessGrant status qualificationLevel homeRegion homeDepartement employerSiret employerIdcc } sessionFacts { price startDate region departement formacodes romeCodes nsfCodes certificationCode }")',
    );
    expect(sdl).toContain('dotations: [Dotation!] @requires(fields: "accessGrant")');
  });
});
