namespace Pipeline.Azure; internal static class Placeholder { }
