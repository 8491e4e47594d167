using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

// Usage: NgoFunctions.FunctionRpcDescriptor <output.pb> <csharp namespace>
// The worker's gRPC assembly keeps its generated protocol types internal, but every generated file
// carries its descriptor (the .proto compiled to bytes): that is the contract, whatever its version.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: NgoFunctions.FunctionRpcDescriptor <output.pb> <csharp namespace>");
    return 2;
}

var workerGrpc = Assembly.Load("Microsoft.Azure.Functions.Worker.Grpc");
var reflection = workerGrpc.GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!;
var root = (FileDescriptor)reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

// Dependencies first, each once: protoc resolves imports in the order the set lists them.
var set = new FileDescriptorSet();
var seen = new HashSet<string>(StringComparer.Ordinal);
Add(root);

void Add(FileDescriptor file)
{
    if (!seen.Add(file.Name))
    {
        return;
    }

    foreach (var dependency in file.Dependencies)
    {
        Add(dependency);
    }

    var proto = FileDescriptorProto.Parser.ParseFrom(file.SerializedData);
    // Google's well-known types keep their own namespace (Google.Protobuf.WellKnownTypes); the
    // protocol's own files get the local host's, so they never clash with the worker's internal copy.
    if (!file.Name.StartsWith("google/protobuf/", StringComparison.Ordinal))
    {
        proto.Options ??= new Google.Protobuf.Reflection.FileOptions();
        proto.Options.CsharpNamespace = args[1];
    }

    set.File.Add(proto);
}

var output = Path.GetFullPath(args[0]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllBytes(output, set.ToByteArray());
Console.WriteLine($"{output}: {string.Join(", ", set.File.Select(f => f.Name))} (Worker.Grpc {workerGrpc.GetName().Version})");
return 0;
