[assembly: AssemblyFixture(typeof(Servers))]
