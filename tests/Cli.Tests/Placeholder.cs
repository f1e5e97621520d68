namespace Cli.Tests;
