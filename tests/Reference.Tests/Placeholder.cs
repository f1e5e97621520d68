namespace Reference.Tests;
