// jest mock of lightning/platformResourceLoader: resolves at once, so components take their
// "library loaded" path; tests switch to mockRejectedValue for the failure path.
export const loadScript = jest.fn().mockResolvedValue();
export const loadStyle = jest.fn().mockResolvedValue();
