import { describe, expect, it } from 'vitest';
import { medianByYear, populationKey, populationWeightedMeanByYear } from './aggregates.js';

const points = [
  { state: 'c', year: 2021, value: 4 },
  { state: 'a', year: 2020, value: 9 },
  { state: 'b', year: 2020, value: 1 },
  { state: 'a', year: 2021, value: 10 },
  { state: 'c', year: 2020, value: 5 },
];

describe('medianByYear', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even one, per year, with n', () => {
    expect(medianByYear(points)).toEqual([
      { year: 2020, value: 5, n: 3 },
      { year: 2021, value: 7, n: 2 },
    ]);
  });
});

describe('populationWeightedMeanByYear', () => {
  it('weights each value by its state’s population that year', () => {
    const population = new Map([
      [populationKey('a', 2020), 100],
      [populationKey('b', 2020), 300],
      [populationKey('c', 2020), 600],
      [populationKey('a', 2021), 1],
      [populationKey('c', 2021), 3],
    ]);
    // 2020: (9·100 + 1·300 + 5·600) / 1000 = 4.2; 2021: (10·1 + 4·3) / 4 = 5.5.
    expect(populationWeightedMeanByYear(points, population)).toEqual([
      { year: 2020, value: 4.2, n: 3 },
      { year: 2021, value: 5.5, n: 2 },
    ]);
  });

  it('leaves out a year in which a state with a value has no population, and gives nothing without population data', () => {
    const population = new Map([
      [populationKey('a', 2020), 100],
      [populationKey('b', 2020), 300],
      [populationKey('a', 2021), 1],
      [populationKey('c', 2021), 3],
    ]);
    expect(populationWeightedMeanByYear(points, population).map((p) => p.year)).toEqual([2021]);
    expect(populationWeightedMeanByYear(points, new Map())).toEqual([]);
  });
});
