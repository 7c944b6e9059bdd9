using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Pipeline.Core.Storage.Local;

/// <summary>
/// Puts a finished file at a path only if nothing is there, atomically. .NET's
/// <c>File.Move(overwrite: false)</c> cannot be used for that on Linux: it checks that the
/// target is absent and then calls rename(2), which replaces, so two racing movers both
/// "win" (seen with strace on .NET 10: lstat, then rename). link(2) fails with EEXIST
/// instead; on Windows, MoveFileEx without REPLACE_EXISTING is already atomic.
/// </summary>
internal static class ExclusiveFile
{
    private const int FileExists = 17; // EEXIST on Linux and macOS

    /// <summary>
    /// True when <paramref name="source"/>'s content is now at <paramref name="target"/>;
    /// false when a file was there already. On Unix the source stays (a second name of the
    /// same file): the caller deletes it.
    /// </summary>
    public static bool TryPlace(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }
        if (Link(NullTerminatedUtf8(source), NullTerminatedUtf8(target)) == 0)
        {
            return true;
        }
        var error = Marshal.GetLastPInvokeError();
        return error == FileExists
            ? false
            : throw new IOException($"Could not create {target}: {new Win32Exception(error).Message}", error);
    }

    private static byte[] NullTerminatedUtf8(string path) => System.Text.Encoding.UTF8.GetBytes(path + '\0');

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks in the project;
    // paths go as UTF-8 bytes, as the file system takes them.
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link(byte[] existingPath, byte[] newPath);
}
