// Four test collections at once (two per processor on the 2-core machines CI and the team use): the longest ones
// (ProverTests+Seeded, ProverTests, DifferentialTests) are chains of solver calls that a collection runs one after
// another. Set here rather than in an xunit.runner.json: CI's mutation stage retests every mutant when a non-C#
// file of this project changes (Stryker's --since), which a 45-minute CI cannot hold.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
